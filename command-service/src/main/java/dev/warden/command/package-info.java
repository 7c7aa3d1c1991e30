/**
 * Where commands are submitted, judged, approved, paid for and run, and where execution
 * agents connect.
 */
@NullMarked
package dev.warden.command;

import org.jspecify.annotations.NullMarked;
