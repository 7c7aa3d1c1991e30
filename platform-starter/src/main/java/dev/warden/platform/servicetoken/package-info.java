/**
 * Service tokens: a service authenticates to another service's {@code /internal/**}
 * endpoints with a client-credentials token from auth-service, cached until shortly
 * before it expires.
 */
@NullMarked
package dev.warden.platform.servicetoken;

import org.jspecify.annotations.NullMarked;
