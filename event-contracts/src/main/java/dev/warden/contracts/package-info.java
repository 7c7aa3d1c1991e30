/**
 * The event envelope and topic names every Warden service agrees on; plain Java so any
 * consumer can depend on it without Spring.
 */
@NullMarked
package dev.warden.contracts;

import org.jspecify.annotations.NullMarked;
