/**
 * The policy engine: rules, shell-aware evaluation and exact conflict detection.
 */
@NullMarked
package dev.warden.rules;

import org.jspecify.annotations.NullMarked;
