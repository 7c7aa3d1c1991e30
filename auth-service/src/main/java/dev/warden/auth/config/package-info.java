/**
 * auth-service's settings and wiring.
 */
@NullMarked
package dev.warden.auth.config;

import org.jspecify.annotations.NullMarked;
