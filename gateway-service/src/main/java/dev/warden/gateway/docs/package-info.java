/**
 * One API page at {@code /docs}: Swagger UI over the OpenAPI documents of every service,
 * fetched through the gateway, and the gateway's own.
 */
@NullMarked
package dev.warden.gateway.docs;

import org.jspecify.annotations.NullMarked;
