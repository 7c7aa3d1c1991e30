package dev.warden.platform.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Grants {@code ROLE_x} for every role in the roles claim and {@code SCOPE_x} for every
 * scope. Anything that is not a list of strings grants nothing.
 */
final class JwtAuthoritiesConverter implements Converter<Jwt, Collection<GrantedAuthority>> {

	private final String rolesClaim;

	JwtAuthoritiesConverter(String rolesClaim) {
		this.rolesClaim = rolesClaim;
	}

	@Override
	public Collection<GrantedAuthority> convert(Jwt jwt) {
		List<GrantedAuthority> authorities = new ArrayList<>();
		for (String role : strings(jwt.getClaim(this.rolesClaim))) {
			authorities.add(new SimpleGrantedAuthority("ROLE_" + role));
		}
		Object scope = jwt.getClaim(WardenAuthorities.SCOPE_CLAIM);
		if (scope instanceof String scopes) {
			for (String value : scopes.trim().split("\\s+")) {
				if (!value.isEmpty()) {
					authorities.add(new SimpleGrantedAuthority("SCOPE_" + value));
				}
			}
		}
		return authorities;
	}

	private static List<String> strings(Object claim) {
		if (!(claim instanceof Collection<?> values)) {
			return List.of();
		}
		List<String> result = new ArrayList<>();
		for (Object value : values) {
			if (value instanceof String text && !text.isBlank()) {
				result.add(text);
			}
		}
		return result;
	}

}
