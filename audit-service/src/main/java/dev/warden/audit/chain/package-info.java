/**
 * The hash chain: the canonical form of a record, its hash, and the verification that
 * recomputes them.
 */
@NullMarked
package dev.warden.audit.chain;

import org.jspecify.annotations.NullMarked;
