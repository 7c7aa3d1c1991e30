/**
 * Seed 000's demo users and keys, for the local profile only.
 */
@NullMarked
package dev.warden.auth.demo;

import org.jspecify.annotations.NullMarked;
