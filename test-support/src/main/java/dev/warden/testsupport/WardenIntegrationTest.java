package dev.warden.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.ActiveProfiles;

/**
 * A full application context on a random port against real infrastructure. Each distinct
 * test context gets a fresh PostgreSQL database; Kafka and Redis are shared by the JVM.
 * Tokens from {@link TestTokens} are accepted.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
@ActiveProfiles("test")
public @interface WardenIntegrationTest {

	/**
	 * The servers the application needs.
	 * @return the servers
	 */
	Service[] infrastructure() default { Service.POSTGRES, Service.KAFKA };

	/**
	 * Extra properties, as {@code key=value}.
	 * @return the properties
	 */
	@AliasFor(annotation = SpringBootTest.class, attribute = "properties")
	String[] properties() default {};

}
