/**
 * The live policy: the current snapshot, how it reloads when rules change on any replica,
 * and the evaluation endpoints.
 */
@NullMarked
package dev.warden.rules.policy;

import org.jspecify.annotations.NullMarked;
