package dev.warden.rules.engine;

import java.util.Arrays;

import org.apache.lucene.util.automaton.Automaton;
import org.apache.lucene.util.automaton.Transition;
import org.jspecify.annotations.Nullable;

/**
 * Searches the product of two deterministic automata breadth first, building only the
 * pairs of states it reaches and stopping at the first pair it is looking for. This
 * answers "is there a text both match?" and "is there a text the first matches and the
 * second does not?" with a shortest such text, without materialising an intersection or a
 * complement: rules about different commands part after a few characters, and overlapping
 * rules meet after a short witness, so most checks touch a few dozen pairs.
 */
final class ProductSearch {

	/** Stands for the second automaton having rejected the text read so far. */
	private static final int DEAD = -1;

	private static final String PREFERRED = "abcdefghijklmnopqrstuvwxyz0123456789 /-._=ABCDEFGHIJKLMNOPQRSTUVWXYZ";

	private static final int UNREADABLE = 2;

	/** How many pairs one search may visit before the analysis counts as too complex. */
	static final int MAX_PAIRS = 2_000_000;

	private final Automaton first;

	private final Automaton second;

	private final boolean difference;

	private final long deadline;

	private final Transition left = new Transition();

	private final Transition right = new Transition();

	private long[] keys = new long[64];

	private int[] slots = new int[64];

	private int[] parents = new int[64];

	private int[] chars = new int[64];

	private int[] firstStates = new int[64];

	private int[] secondStates = new int[64];

	private int size;

	/** The moves out of the level being expanded, before they are visited in order. */
	private int moves;

	private int[] moveFirst = new int[16];

	private int[] moveSecond = new int[16];

	private int[] moveChars = new int[16];

	private int[] moveRanks = new int[16];

	private int[] moveParents = new int[16];

	private ProductSearch(Automaton first, Automaton second, boolean difference, long deadline) {
		this.first = first;
		this.second = second;
		this.difference = difference;
		this.deadline = deadline;
		Arrays.fill(this.slots, -1);
	}

	/**
	 * Finds a shortest text both automata accept.
	 * @param a a deterministic automaton
	 * @param b another
	 * @param deadline the {@link System#nanoTime()} past which to give up
	 * @return the text, sentinels included, or {@code null} if their languages are
	 * disjoint
	 * @throws Overrun past the deadline or the size limit
	 */
	static @Nullable String common(Automaton a, Automaton b, long deadline) {
		return new ProductSearch(a, b, false, deadline).run();
	}

	/**
	 * Finds a shortest text the first automaton accepts and the second does not.
	 * @param a a deterministic automaton
	 * @param b another
	 * @param deadline the {@link System#nanoTime()} past which to give up
	 * @return the text, or {@code null} if every text {@code a} accepts {@code b} accepts
	 * too
	 * @throws Overrun past the deadline or the size limit
	 */
	static @Nullable String onlyInFirst(Automaton a, Automaton b, long deadline) {
		return new ProductSearch(a, b, true, deadline).run();
	}

	private @Nullable String run() {
		if (this.first.getNumStates() == 0 || (!this.difference && this.second.getNumStates() == 0)) {
			return null;
		}
		visit(0, (this.second.getNumStates() == 0) ? DEAD : 0, -1, 0);
		// Level by level, so that every pair one character further is reached first by a
		// readable character if any pair of the level reaches it by one.
		int levelStart = 0;
		while (levelStart < this.size) {
			int levelEnd = this.size;
			for (int i = levelStart; i < levelEnd; i++) {
				if (wanted(this.firstStates[i], this.secondStates[i])) {
					return text(i);
				}
			}
			this.moves = 0;
			for (int i = levelStart; i < levelEnd; i++) {
				if ((i & 1023) == 1023 && System.nanoTime() > this.deadline) {
					throw new Overrun(false);
				}
				expand(i, this.firstStates[i], this.secondStates[i]);
			}
			for (int rank = 0; rank <= UNREADABLE; rank++) {
				for (int m = 0; m < this.moves; m++) {
					if (this.moveRanks[m] == rank) {
						visit(this.moveFirst[m], this.moveSecond[m], this.moveParents[m], this.moveChars[m]);
					}
				}
			}
			levelStart = levelEnd;
		}
		return null;
	}

	private boolean wanted(int p, int q) {
		if (!this.first.isAccept(p)) {
			return false;
		}
		return this.difference ? (q == DEAD || !this.second.isAccept(q)) : this.second.isAccept(q);
	}

	/**
	 * Follows every character range out of a pair: where both automata move, to the pair
	 * of their targets; when looking for a difference, where only the first moves, to its
	 * target paired with the dead state. The moves are collected, not yet visited.
	 */
	private void expand(int index, int p, int q) {
		int leftCount = this.first.getNumTransitions(p);
		int rightCount = (q == DEAD) ? 0 : this.second.getNumTransitions(q);
		int j = 0;
		for (int i = 0; i < leftCount; i++) {
			this.first.getTransition(p, i, this.left);
			int lo = this.left.min;
			int hi = this.left.max;
			int target = this.left.dest;
			int covered = lo;
			while (j < rightCount) {
				this.second.getTransition(q, j, this.right);
				if (this.right.min > hi) {
					break;
				}
				if (this.right.max >= lo) {
					int from = Math.max(lo, this.right.min);
					int to = Math.min(hi, this.right.max);
					if (this.difference && from > covered) {
						move(index, target, DEAD, covered, from - 1);
					}
					move(index, target, this.right.dest, from, to);
					covered = to + 1;
				}
				if (this.right.max > hi) {
					break;
				}
				j++;
			}
			if (this.difference && covered <= hi) {
				move(index, target, DEAD, covered, hi);
			}
		}
	}

	private void move(int parent, int p, int q, int lo, int hi) {
		if (this.moves == this.moveChars.length) {
			int grown = this.moves * 2;
			this.moveFirst = Arrays.copyOf(this.moveFirst, grown);
			this.moveSecond = Arrays.copyOf(this.moveSecond, grown);
			this.moveChars = Arrays.copyOf(this.moveChars, grown);
			this.moveRanks = Arrays.copyOf(this.moveRanks, grown);
			this.moveParents = Arrays.copyOf(this.moveParents, grown);
		}
		int c = readable(lo, hi);
		this.moveFirst[this.moves] = p;
		this.moveSecond[this.moves] = q;
		this.moveChars[this.moves] = c;
		this.moveRanks[this.moves] = rank(c);
		this.moveParents[this.moves] = parent;
		this.moves++;
	}

	/** 0 for letters, digits and space; 1 for other printable ASCII; 2 for the rest. */
	private static int rank(int c) {
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ' ') {
			return 0;
		}
		return (c > 0x20 && c < 0x7f) ? 1 : UNREADABLE;
	}

	private void visit(int p, int q, int parent, int c) {
		if (!this.difference && q == DEAD) {
			return;
		}
		long key = ((long) p << 32) | (q & 0xffffffffL);
		int mask = this.slots.length - 1;
		int slot = Long.hashCode(key * 0x9E3779B97F4A7C15L) & mask;
		while (this.slots[slot] != -1) {
			if (this.keys[slot] == key) {
				return;
			}
			slot = (slot + 1) & mask;
		}
		if (this.size == MAX_PAIRS) {
			throw new Overrun(true);
		}
		this.keys[slot] = key;
		this.slots[slot] = this.size;
		if (this.size == this.parents.length) {
			int grown = this.size * 2;
			this.parents = Arrays.copyOf(this.parents, grown);
			this.chars = Arrays.copyOf(this.chars, grown);
			this.firstStates = Arrays.copyOf(this.firstStates, grown);
			this.secondStates = Arrays.copyOf(this.secondStates, grown);
		}
		this.parents[this.size] = parent;
		this.chars[this.size] = c;
		this.firstStates[this.size] = p;
		this.secondStates[this.size] = q;
		this.size++;
		if (this.size * 2 > this.slots.length) {
			rehash();
		}
	}

	private void rehash() {
		long[] oldKeys = this.keys;
		int[] oldSlots = this.slots;
		this.keys = new long[oldKeys.length * 2];
		this.slots = new int[oldSlots.length * 2];
		Arrays.fill(this.slots, -1);
		int mask = this.slots.length - 1;
		for (int i = 0; i < oldSlots.length; i++) {
			if (oldSlots[i] != -1) {
				int slot = Long.hashCode(oldKeys[i] * 0x9E3779B97F4A7C15L) & mask;
				while (this.slots[slot] != -1) {
					slot = (slot + 1) & mask;
				}
				this.keys[slot] = oldKeys[i];
				this.slots[slot] = oldSlots[i];
			}
		}
	}

	private String text(int index) {
		StringBuilder text = new StringBuilder();
		for (int i = index; this.parents[i] >= 0; i = this.parents[i]) {
			text.appendCodePoint(this.chars[i]);
		}
		return text.reverse().toString();
	}

	/**
	 * Picks a character a reader recognises from a range: letters, digits, space first.
	 */
	static int readable(int min, int max) {
		for (int i = 0; i < PREFERRED.length(); i++) {
			char c = PREFERRED.charAt(i);
			if (c >= min && c <= max) {
				return c;
			}
		}
		if (min <= 0x7e && max >= 0x21) {
			return Math.max(min, 0x21);
		}
		return min;
	}

	/**
	 * A search that did not finish within its budget.
	 */
	static final class Overrun extends RuntimeException {

		private final boolean tooLarge;

		Overrun(boolean tooLarge) {
			super(null, null, false, false);
			this.tooLarge = tooLarge;
		}

		/**
		 * Tells whether the search ran out of room rather than time.
		 * @return whether it visited the most pairs allowed
		 */
		boolean tooLarge() {
			return this.tooLarge;
		}

	}

}
