/**
 * Runs a shell command inside limits: time, output, environment, working directory, and a
 * process group that is killed as a whole.
 */
@NullMarked
package dev.warden.sandbox;

import org.jspecify.annotations.NullMarked;
