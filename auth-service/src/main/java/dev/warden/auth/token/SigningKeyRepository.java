package dev.warden.auth.token;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface SigningKeyRepository extends JpaRepository<SigningKey, String> {

	@Query("select k from SigningKey k where k.retiredAt is null")
	Optional<SigningKey> findActive();

	@Query("select k from SigningKey k where k.retiredAt is null or k.publishUntil > ?1 order by k.createdAt desc")
	List<SigningKey> findPublished(Instant now);

}
