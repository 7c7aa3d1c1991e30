/**
 * Reading the audit trail over HTTP: the query, a member's own records, the chain's
 * verification and the dead letters.
 */
@NullMarked
package dev.warden.audit.log;

import org.jspecify.annotations.NullMarked;
