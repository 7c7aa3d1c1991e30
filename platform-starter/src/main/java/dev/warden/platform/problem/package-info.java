/**
 * RFC 9457 problem details for every error a Warden service reports, with one stable
 * {@code type} URI per kind of error.
 */
@NullMarked
package dev.warden.platform.problem;

import org.jspecify.annotations.NullMarked;
