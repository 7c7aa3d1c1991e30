package dev.warden.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Renders a kustomize overlay with the real tool: {@code kustomize build}, or
 * {@code kubectl kustomize} (kubectl has carried kustomize since 1.14). Set
 * {@code KUSTOMIZE} to a binary to choose one. The tree is copied first so that the dev
 * overlay's {@code secrets.env} can be made from its example without touching the working
 * copy.
 */
final class Kustomize {

	private Kustomize() {
	}

	static List<Map<String, Object>> render(String overlay) {
		try {
			Path copy = Files.createTempDirectory("warden-k8s");
			copyTree(Repository.root().resolve("k8s"), copy);
			Path secrets = copy.resolve("overlays").resolve(overlay).resolve("secrets.env.example");
			if (Files.exists(secrets)) {
				Files.copy(secrets, secrets.resolveSibling("secrets.env"));
			}
			List<String> command = new ArrayList<>(tool());
			command.add(copy.resolve("overlays").resolve(overlay).toString());
			Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException(command + " failed:\n" + output);
			}
			return Yaml.documents(output);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static List<String> tool() {
		String chosen = System.getenv("KUSTOMIZE");
		if (chosen != null && !chosen.isBlank()) {
			return List.of(chosen, "build");
		}
		return onPath("kustomize").map((kustomize) -> List.of(kustomize.toString(), "build"))
			.or(() -> onPath("kubectl").map((kubectl) -> List.of(kubectl.toString(), "kustomize")))
			.orElseThrow(() -> new IllegalStateException("Neither kustomize nor kubectl is on the PATH; install one "
					+ "(apt-get install kubectl, or a kustomize 5 binary) or set KUSTOMIZE to a kustomize binary"));
	}

	private static Optional<Path> onPath(String name) {
		return Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
			.map((directory) -> Path.of(directory, name))
			.filter(Files::isExecutable)
			.findFirst();
	}

	private static void copyTree(Path source, Path target) throws IOException {
		try (Stream<Path> files = Files.walk(source)) {
			for (Path file : files.toList()) {
				Path destination = target.resolve(source.relativize(file).toString());
				if (Files.isDirectory(file)) {
					Files.createDirectories(destination);
				}
				else if (!file.getFileName().toString().equals("secrets.env")) {
					Files.copy(file, destination);
				}
			}
		}
	}

}
