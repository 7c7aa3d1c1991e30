package dev.warden.auth.user;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.LockModeType;

import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

/** Users, found regardless of the case of their name or email. */
public interface UserRepository extends JpaRepository<User, UUID> {

	@Query("select u from User u where lower(u.username) = lower(?1) or lower(u.email) = lower(?1)")
	Optional<User> findByLogin(String usernameOrEmail);

	@Query("select count(u) > 0 from User u where lower(u.username) = lower(?1)")
	boolean existsByUsername(String username);

	@Query("select count(u) > 0 from User u where lower(u.email) = lower(?1)")
	boolean existsByEmail(String email);

	boolean existsByRole(Role role);

	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select u from User u where u.id = ?1")
	Optional<User> findForUpdate(UUID id);

	/**
	 * Returns a page of users after a cursor, ordered by id (UUIDv7, so by creation
	 * time).
	 * @param after the last id of the previous page, or the nil UUID for the first page
	 * @param page the page size
	 * @return the users
	 */
	@Query("select u from User u where u.id > ?1 order by u.id")
	List<User> findPageAfter(UUID after, Pageable page);

}
