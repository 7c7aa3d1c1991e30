/**
 * Passwords as NIST SP 800-63B-4 asks: long, no composition rules, not common, and hashed
 * with bcrypt in a form PostgreSQL's pgcrypto can verify.
 */
@NullMarked
package dev.warden.auth.password;

import org.jspecify.annotations.NullMarked;
