/**
 * The first administrator of a new installation, outside the local profile.
 */
@NullMarked
package dev.warden.auth.bootstrap;

import org.jspecify.annotations.NullMarked;
