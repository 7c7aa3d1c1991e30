/**
 * Approvals: requested by a policy decision, decided by an administrator, used once.
 */
@NullMarked
package dev.warden.command.approval;

import org.jspecify.annotations.NullMarked;
