/**
 * End-to-end journeys through the gateway, against the suite started as ./warden up
 * starts it.
 */
@NullMarked
package dev.warden.e2e;

import org.jspecify.annotations.NullMarked;
