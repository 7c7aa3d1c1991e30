package dev.warden.rules.rule;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface RuleRepository extends JpaRepository<Rule, UUID> {

	@Query("select r from Rule r where r.deletedAt is null order by r.createdAt, r.id")
	List<Rule> findLive();

	@Query("select r from Rule r where r.id = ?1 and r.deletedAt is null")
	Optional<Rule> findLive(UUID id);

	@Query("select count(r) > 0 from Rule r where lower(r.name) = lower(?1) and r.deletedAt is null and r.id <> ?2")
	boolean nameTaken(String name, UUID except);

}
