package dev.warden.gateway.identity;

import java.util.Set;
import java.util.stream.Collectors;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.CachingJWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.events.Event;
import com.nimbusds.jose.util.events.EventListener;

/**
 * The key ids ({@code kid}) of the key set the edge's decoder holds right now, as of its
 * last successful JWKS fetch.
 * <p>
 * Fed by the Nimbus key cache's own events ({@code RefreshCompletedEvent}, fired after
 * every successful fetch, the first one included), so asking costs a set lookup and never
 * a network call. {@link VerifiedTokenCache} asks on every hit: a token whose key
 * auth-service has since removed from its key set is then verified again, and refused, as
 * soon as the edge has fetched the key set without it. A failed fetch changes nothing
 * (Nimbus keeps the previous set, and so does this).
 */
final class PublishedKeyIds implements EventListener<CachingJWKSetSource<SecurityContext>, SecurityContext> {

	private volatile Set<String> current = Set.of();

	@Override
	public void notify(Event<CachingJWKSetSource<SecurityContext>, SecurityContext> event) {
		if (event instanceof CachingJWKSetSource.RefreshCompletedEvent<?> completed) {
			update(completed.getJWKSet());
		}
	}

	void update(JWKSet keys) {
		this.current = keys.getKeys()
			.stream()
			.map(JWK::getKeyID)
			.filter((id) -> id != null)
			.collect(Collectors.toUnmodifiableSet());
	}

	/**
	 * Tells whether the key set last fetched holds a key with this id.
	 * @param keyId the {@code kid} of a token's header
	 * @return whether that key is still published
	 */
	boolean contains(String keyId) {
		return this.current.contains(keyId);
	}

}
