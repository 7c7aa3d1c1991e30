package dev.warden.rules.rule;

import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import dev.warden.contracts.EventIds;
import dev.warden.rules.engine.Action;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/**
 * A policy rule. Every change bumps its version; deleting it keeps the row for the
 * history.
 */
@Entity
@Table(name = "rules")
class Rule {

	@Id
	private UUID id;

	@Column(nullable = false)
	private String name;

	@Column(nullable = false)
	private String pattern;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false)
	private Action action;

	@Column(nullable = false)
	private String[] roles;

	@Column(nullable = false)
	private int creditCost;

	@Column(nullable = false)
	private boolean enabled;

	private @Nullable String description;

	@Column(nullable = false)
	private String author;

	@Column(nullable = false)
	private int version;

	@Column(nullable = false)
	private Instant createdAt;

	@Column(nullable = false)
	private Instant updatedAt;

	private @Nullable Instant deletedAt;

	protected Rule() {
		this.id = UUID.randomUUID();
		this.name = "";
		this.pattern = "";
		this.action = Action.BLOCK;
		this.roles = new String[0];
		this.author = "";
		this.createdAt = Instant.EPOCH;
		this.updatedAt = Instant.EPOCH;
	}

	Rule(RuleDefinition definition, String author) {
		this.id = EventIds.next();
		this.author = author;
		this.version = 0;
		this.createdAt = Instant.now();
		this.name = definition.name();
		this.pattern = definition.pattern();
		this.action = definition.action();
		this.roles = new String[0];
		apply(definition);
	}

	/** Takes a new definition and moves to the next version. */
	void apply(RuleDefinition definition) {
		this.name = definition.name();
		this.pattern = definition.pattern();
		this.action = definition.action();
		this.roles = new TreeSet<>(definition.roles()).toArray(String[]::new);
		this.creditCost = definition.creditCost();
		this.enabled = definition.enabled();
		this.description = definition.description();
		this.version++;
		this.updatedAt = Instant.now();
	}

	void delete() {
		this.enabled = false;
		this.deletedAt = Instant.now();
		this.version++;
		this.updatedAt = this.deletedAt;
	}

	boolean isDeleted() {
		return this.deletedAt != null;
	}

	UUID id() {
		return this.id;
	}

	String name() {
		return this.name;
	}

	String pattern() {
		return this.pattern;
	}

	Action action() {
		return this.action;
	}

	Set<String> roles() {
		return Set.copyOf(Arrays.asList(this.roles));
	}

	int creditCost() {
		return this.creditCost;
	}

	boolean enabled() {
		return this.enabled;
	}

	@Nullable String description() {
		return this.description;
	}

	String author() {
		return this.author;
	}

	int version() {
		return this.version;
	}

	Instant createdAt() {
		return this.createdAt;
	}

	Instant updatedAt() {
		return this.updatedAt;
	}

}
