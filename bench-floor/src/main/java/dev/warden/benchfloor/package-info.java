/**
 * The floor of the command-path benchmark: the cheapest useful thing a Spring Boot
 * service on Warden's settings can do per request, one PostgreSQL insert.
 */
@NullMarked
package dev.warden.benchfloor;

import org.jspecify.annotations.NullMarked;
