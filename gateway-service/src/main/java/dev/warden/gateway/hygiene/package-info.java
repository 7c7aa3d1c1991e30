/**
 * What every answer of the edge carries and what every request must respect: security
 * headers, CORS from an allow-list, the streaming body limit and the JSON access log.
 */
@NullMarked
package dev.warden.gateway.hygiene;

import org.jspecify.annotations.NullMarked;
