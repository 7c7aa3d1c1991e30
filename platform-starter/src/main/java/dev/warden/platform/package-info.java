/**
 * The platform every Warden service is built on, auto-configured by depending on this
 * starter.
 */
@NullMarked
package dev.warden.platform;

import org.jspecify.annotations.NullMarked;
