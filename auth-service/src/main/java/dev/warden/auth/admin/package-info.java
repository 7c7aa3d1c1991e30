/**
 * User administration: create a user with a one-time API key (seed 000's POST /users),
 * list, change role or tier, block and unblock.
 */
@NullMarked
package dev.warden.auth.admin;

import org.jspecify.annotations.NullMarked;
