package dev.warden.rules.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * Finds every one of many literal strings in a text in one pass (Aho and Corasick, 1975),
 * the prefilter in front of the rules' automata. Transitions are sorted per state and
 * searched by bisection, which keeps the table small for ten thousand rules. Hand-written
 * because the libraries for it allocate per match, and this runs for every command.
 */
final class AhoCorasick {

	private final char[][] labels;

	private final int[][] targets;

	private final int[] failure;

	private final int[][] outputs;

	/**
	 * Builds the automaton.
	 * @param patterns the strings to find; the id of each is its index
	 */
	AhoCorasick(List<String> patterns) {
		List<char[]> stateLabels = new ArrayList<>();
		List<int[]> stateTargets = new ArrayList<>();
		List<int[]> stateOutputs = new ArrayList<>();
		stateLabels.add(new char[0]);
		stateTargets.add(new int[0]);
		stateOutputs.add(new int[0]);
		for (int id = 0; id < patterns.size(); id++) {
			int state = 0;
			for (char c : patterns.get(id).toCharArray()) {
				int next = find(stateLabels.get(state), stateTargets.get(state), c);
				if (next < 0) {
					next = stateLabels.size();
					stateLabels.add(new char[0]);
					stateTargets.add(new int[0]);
					stateOutputs.add(new int[0]);
					insert(stateLabels, stateTargets, state, c, next);
				}
				state = next;
			}
			int[] outputs = stateOutputs.get(state);
			int[] more = Arrays.copyOf(outputs, outputs.length + 1);
			more[outputs.length] = id;
			stateOutputs.set(state, more);
		}
		int states = stateLabels.size();
		this.labels = stateLabels.toArray(char[][]::new);
		this.targets = stateTargets.toArray(int[][]::new);
		this.failure = new int[states];
		int[][] outputs = stateOutputs.toArray(int[][]::new);
		Deque<Integer> queue = new ArrayDeque<>();
		for (int child : this.targets[0]) {
			queue.add(child);
		}
		while (!queue.isEmpty()) {
			int state = queue.poll();
			for (int i = 0; i < this.labels[state].length; i++) {
				char c = this.labels[state][i];
				int child = this.targets[state][i];
				int fallback = this.failure[state];
				while (fallback > 0 && find(this.labels[fallback], this.targets[fallback], c) < 0) {
					fallback = this.failure[fallback];
				}
				int target = find(this.labels[fallback], this.targets[fallback], c);
				this.failure[child] = (target >= 0 && target != child) ? target : 0;
				int[] inherited = outputs[this.failure[child]];
				if (inherited.length > 0) {
					int[] merged = Arrays.copyOf(outputs[child], outputs[child].length + inherited.length);
					System.arraycopy(inherited, 0, merged, outputs[child].length, inherited.length);
					outputs[child] = merged;
				}
				queue.add(child);
			}
		}
		this.outputs = outputs;
	}

	/** Receives the ids of the strings found. */
	@FunctionalInterface
	interface Found {

		void found(int id);

	}

	/**
	 * Reports every string that occurs in a text (a string may be reported more than
	 * once).
	 * @param text the text, already in lower case
	 * @param found where to report
	 */
	void scan(String text, Found found) {
		int state = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			int next;
			while ((next = find(this.labels[state], this.targets[state], c)) < 0 && state > 0) {
				state = this.failure[state];
			}
			state = Math.max(next, 0);
			for (int id : this.outputs[state]) {
				found.found(id);
			}
		}
	}

	private static int find(char[] labels, int[] targets, char c) {
		int index = Arrays.binarySearch(labels, c);
		return (index >= 0) ? targets[index] : -1;
	}

	private static void insert(List<char[]> labels, List<int[]> targets, int state, char c, int target) {
		char[] oldLabels = labels.get(state);
		int[] oldTargets = targets.get(state);
		int at = -(Arrays.binarySearch(oldLabels, c) + 1);
		char[] newLabels = new char[oldLabels.length + 1];
		int[] newTargets = new int[oldTargets.length + 1];
		System.arraycopy(oldLabels, 0, newLabels, 0, at);
		System.arraycopy(oldTargets, 0, newTargets, 0, at);
		newLabels[at] = c;
		newTargets[at] = target;
		System.arraycopy(oldLabels, at, newLabels, at + 1, oldLabels.length - at);
		System.arraycopy(oldTargets, at, newTargets, at + 1, oldTargets.length - at);
		labels.set(state, newLabels);
		targets.set(state, newTargets);
	}

}
