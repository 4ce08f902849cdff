package dev.jbuild.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jbuild.core.image.ImageReference;
import dev.jbuild.core.image.Platform;
import dev.jbuild.testdata.LocalRegistry;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lists repositories and tags of a real registry, page by page. */
class JibRegistryClientCatalogTest {
  @AutoClose static final LocalRegistry REGISTRY = LocalRegistry.builder().accessLog().start();

  @TempDir Path temporary;

  @Test
  void listRepositoriesAndTags_pagesOfTwo_followsLinksToTheEnd() throws Exception {
    TestImage image = TestImage.oci(temporary, "catalogued", Platform.LINUX_AMD64);
    List<String> repositories = List.of("catalog/a", "catalog/b", "catalog/c", "catalog/d", "catalog/e");
    try (JibRegistryClient client = new JibRegistryClient(settings(), line -> {}, 2)) {
      for (String repository : repositories) {
        client.push(List.of(reference(repository + ":1")), image.blobs(), image.manifestJson(), image.manifestMediaType());
      }
      client.push(List.of(reference("catalog/a:2"), reference("catalog/a:latest")), image.blobs(),
          image.manifestJson(), image.manifestMediaType());

      assertThat(client.listRepositories(REGISTRY.address())).containsExactlyElementsOf(repositories);
      assertThat(client.listTags(REGISTRY.address(), "catalog/a")).containsExactlyInAnyOrder("1", "2", "latest");
    }
    assertThat(REGISTRY.requests().stream().filter(line -> line.startsWith("GET /v2/_catalog"))).hasSize(3);
  }

  @Test
  void listTags_unknownRepository_throwsRepositoryUnknown() {
    try (JibRegistryClient client = new JibRegistryClient(settings(), line -> {})) {
      assertThatThrownBy(() -> client.listTags(REGISTRY.address(), "catalog/none"))
          .isExactlyInstanceOf(RegistryException.class)
          .hasMessage("repository unknown: " + REGISTRY.address() + "/catalog/none");
    }
  }

  @Test
  void next_linkHeader_resolvesRelativeToCurrentPage() throws Exception {
    URL current = new URL("http://127.0.0.1:5000/v2/_catalog?n=2");

    assertThat(CatalogLister.next(current, "</v2/_catalog?last=b&n=2>; rel=\"next\""))
        .isEqualTo(new URL("http://127.0.0.1:5000/v2/_catalog?last=b&n=2"));
    assertThat(CatalogLister.next(current, null)).isNull();
    assertThat(CatalogLister.next(current, "</v2/x>; rel=\"prev\"")).isNull();
  }

  private RegistrySettings settings() {
    return new RegistrySettings(Map.of(), Set.of(), temporary.resolve("no-auth.json"));
  }

  private static ImageReference reference(String repositoryAndTag) {
    return ImageReference.parse(REGISTRY.address() + "/" + repositoryAndTag);
  }
}
