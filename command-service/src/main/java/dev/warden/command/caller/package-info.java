/**
 * Who is calling: the authenticated user, as every feature needs them.
 */
@NullMarked
package dev.warden.command.caller;

import org.jspecify.annotations.NullMarked;
