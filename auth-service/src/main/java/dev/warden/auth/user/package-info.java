/**
 * Users: who they are, their role, tier and status, and the identity events about them.
 */
@NullMarked
package dev.warden.auth.user;

import org.jspecify.annotations.NullMarked;
