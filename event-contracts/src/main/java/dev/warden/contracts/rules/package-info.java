/**
 * Events rules-service publishes on {@code rules.events}: every replica reloads its
 * policy on them.
 */
@NullMarked
package dev.warden.contracts.rules;

import org.jspecify.annotations.NullMarked;
