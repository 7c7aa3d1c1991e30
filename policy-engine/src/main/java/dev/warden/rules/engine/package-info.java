/**
 * The policy engine: an immutable, compiled snapshot of the enabled rules that judges
 * command lines, and the exact comparison of rule languages behind conflict detection.
 */
@NullMarked
package dev.warden.rules.engine;

import org.jspecify.annotations.NullMarked;
