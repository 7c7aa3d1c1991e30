/**
 * Resource-server security: every service checks RS256 access tokens against
 * auth-service's keys, maps roles and scopes to authorities, and keeps
 * {@code /internal/**} for service tokens.
 */
@NullMarked
package dev.warden.platform.security;

import org.jspecify.annotations.NullMarked;
