package dev.jbuild.grammar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** ANTLR types never leave the module: no public signature of the grammar packages mentions them. */
class PublicApiTest {
  @Test
  void publicApi_grammarPackages_mentionNoAntlrType() throws Exception {
    List<String> leaks = new ArrayList<>();
    for (Class<?> type : publicTypes()) {
      List<Type> mentioned = new ArrayList<>();
      mentioned.add(type.getGenericSuperclass());
      mentioned.addAll(List.of(type.getGenericInterfaces()));
      for (Method method : type.getDeclaredMethods()) {
        if (Modifier.isPublic(method.getModifiers()) || Modifier.isProtected(method.getModifiers())) {
          mentioned.add(method.getGenericReturnType());
          mentioned.addAll(List.of(method.getGenericParameterTypes()));
          mentioned.addAll(List.of(method.getGenericExceptionTypes()));
        }
      }
      for (Constructor<?> constructor : type.getDeclaredConstructors()) {
        if (Modifier.isPublic(constructor.getModifiers())) {
          mentioned.addAll(List.of(constructor.getGenericParameterTypes()));
        }
      }
      for (Field field : type.getDeclaredFields()) {
        if (Modifier.isPublic(field.getModifiers())) {
          mentioned.add(field.getGenericType());
        }
      }
      if (type.isRecord()) {
        for (RecordComponent component : type.getRecordComponents()) {
          mentioned.add(component.getGenericType());
        }
      }
      for (Type used : mentioned) {
        if (used != null && (used.getTypeName().contains("org.antlr") || used.getTypeName().contains("dev.jbuild.grammar.antlr"))) {
          leaks.add(type.getName() + " mentions " + used.getTypeName());
        }
      }
    }

    assertThat(publicTypes()).extracting(Class::getSimpleName)
        .contains("DockerfileParser", "DockerfileDump", "Dockerfile", "DockerfileParseException", "RunInstruction");
    assertThat(leaks).isEmpty();
  }

  private static List<Class<?>> publicTypes() throws IOException, URISyntaxException, ClassNotFoundException {
    Path classes = Path.of(DockerfileParser.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<Class<?>> types = new ArrayList<>();
    for (String folder : List.of("dev/jbuild/grammar", "dev/jbuild/grammar/ast")) {
      try (Stream<Path> files = Files.list(classes.resolve(folder))) {
        for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
          String name = folder.replace('/', '.') + "." + file.getFileName().toString().replace(".class", "");
          Class<?> type = Class.forName(name);
          if (Modifier.isPublic(type.getModifiers())) {
            types.add(type);
          }
        }
      }
    }
    return types;
  }
}
