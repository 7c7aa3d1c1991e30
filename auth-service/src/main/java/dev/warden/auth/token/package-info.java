/**
 * Access tokens (RS256, RFC 9068), the signing keys they are signed with, refresh tokens
 * (RFC 9700) and the OAuth2 token endpoint.
 */
@NullMarked
package dev.warden.auth.token;

import org.jspecify.annotations.NullMarked;
