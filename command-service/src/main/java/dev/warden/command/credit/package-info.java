/**
 * The credit ledger: opening balances, grants, reservations, charges and releases.
 */
@NullMarked
package dev.warden.command.credit;

import org.jspecify.annotations.NullMarked;
