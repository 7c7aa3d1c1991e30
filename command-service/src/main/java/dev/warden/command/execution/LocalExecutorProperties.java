package dev.warden.command.execution;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The sandboxed local executor ({@code warden.executors.local.*}), for local use only.
 *
 * @param enabled whether target {@code local} exists; off unless configured, on in the
 * {@code local} profile
 * @param root the directory holding each user's working directory
 * @param timeout the longest a command runs
 * @param outputCap the bytes of each output stream kept
 * @param roles the roles that may use it
 */
@ConfigurationProperties("warden.executors.local")
public record LocalExecutorProperties(@DefaultValue("false") boolean enabled,
		@DefaultValue("${java.io.tmpdir}/warden-local") Path root, @DefaultValue("30s") Duration timeout,
		@DefaultValue("65536") int outputCap, @DefaultValue( {
				"ADMIN", "MEMBER" }) Set<String> roles){
}
