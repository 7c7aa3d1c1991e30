/**
 * Signing up, signing in (JSON or the OAuth2 token endpoint), refreshing, signing out and
 * "who am I", with login throttling and no user enumeration.
 */
@NullMarked
package dev.warden.auth.session;

import org.jspecify.annotations.NullMarked;
