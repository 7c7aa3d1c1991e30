/**
 * Reads a command line as a POSIX shell (and bash) would, into the simple commands it
 * would run, including those inside substitutions, subshells and wrappers such as
 * {@code sudo} and {@code bash -c}, and notes what hides a command from inspection.
 */
@NullMarked
package dev.warden.rules.shell;

import org.jspecify.annotations.NullMarked;
