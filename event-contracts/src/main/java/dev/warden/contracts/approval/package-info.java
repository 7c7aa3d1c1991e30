/**
 * Events command-service publishes on {@code approval.events} as an approval moves
 * through its states.
 */
@NullMarked
package dev.warden.contracts.approval;

import org.jspecify.annotations.NullMarked;
