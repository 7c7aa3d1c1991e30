package dev.warden.testsupport;

/**
 * How to reach one test database.
 *
 * @param jdbcUrl the JDBC URL
 * @param username the user
 * @param password the password, empty where the server trusts loopback
 */
public record DatabaseDetails(String jdbcUrl, String username, String password) {
}
