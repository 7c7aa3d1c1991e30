/**
 * The OpenAPI document each service publishes, with its bearer-token security scheme.
 */
@NullMarked
package dev.warden.platform.openapi;

import org.jspecify.annotations.NullMarked;
