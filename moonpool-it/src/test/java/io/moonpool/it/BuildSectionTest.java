package io.moonpool.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/**
 * The README's pom section ("Using it in your Maven build") is what the user projects under {@code src/it} build
 * with: the same properties, imported BOMs, dependencies and plugins, element by element (comments aside), the
 * class-path project with the section's {@code argLine} and the module-path project with the module path's.
 */
class BuildSectionTest {

    private static final Path ROOT = Path.of("..");

    @Test
    void theClassPathProjectBuildsWithTheReadmesSection() throws Exception {
        assertSameBuild(readmeSection(), pom("classpath-tests"));
    }

    @Test
    void theModulePathProjectBuildsWithTheReadmesSectionAndTheModulePathsArgLine() throws Exception {
        Map<String, String> expected = readmeSection();
        String modulePath = parse(xmlBlockAfter(readme(), "BuildSectionTest expects this line")
                        .strip())
                .getTextContent()
                .strip();
        assertTrue(modulePath.contains("java.lang=io.moonpool.sim"), modulePath);
        String classPath = surefireArgLine(
                parse("<project>" + xmlBlockAfter(readme(), "BuildSectionTest compares this block") + "</project>"));
        assertTrue(classPath.contains("java.lang=ALL-UNNAMED"), classPath);
        String key = "plugin org.apache.maven.plugins:maven-surefire-plugin";
        expected.put(key, expected.get(key).replace("argLine=" + classPath, "argLine=" + modulePath));
        assertSameBuild(expected, pom("modulepath-tests"));
    }

    @Test
    void theModulePathProjectsTestModuleRequiresWhatTheReadmesDoes() throws Exception {
        String readme = readme();
        int start = readme.indexOf("```java\nopen module ");
        assertTrue(start >= 0, "no test module in the README");
        List<String> documented = requires(readme.substring(start, readme.indexOf("```", start + 7)));
        List<String> project = requires(
                Files.readString(ROOT.resolve("moonpool-it/src/it/modulepath-tests/src/test/java/module-info.java")));
        assertEquals(documented, project);
    }

    private static List<String> requires(String moduleInfo) {
        List<String> modules = new ArrayList<>();
        Matcher requires = Pattern.compile("^\\s*requires\\s+([\\w.]+);", Pattern.MULTILINE)
                .matcher(moduleInfo);
        while (requires.find()) {
            modules.add(requires.group(1));
        }
        assertTrue(moduleInfo.contains("open module "), moduleInfo);
        return modules;
    }

    @Test
    void theReadmesBomVersionIsThisBuildsVersion() throws Exception {
        String root = Files.readString(ROOT.resolve("pom.xml"));
        Matcher version = Pattern.compile("<artifactId>moonpool-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(root);
        assertTrue(version.find(), "no version in the root pom");
        String bom = readmeSection().get("import io.moonpool:moonpool-bom");
        assertTrue(bom.contains("version=" + version.group(1)), bom);
    }

    private static void assertSameBuild(Map<String, String> readme, Map<String, String> pom) {
        assertFalse(readme.isEmpty(), "no element found in the README's section: the parser no longer matches it");
        List<String> problems = new ArrayList<>();
        readme.forEach((key, element) -> {
            if (!pom.containsKey(key)) {
                problems.add("only in the README: " + key + " " + element);
            } else if (!pom.get(key).equals(element)) {
                problems.add(key + " differs:\n  README " + element + "\n  pom    " + pom.get(key));
            }
        });
        pom.forEach((key, element) -> {
            if (!readme.containsKey(key)) {
                problems.add("only in the pom: " + key + " " + element);
            }
        });
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    private static String readme() throws IOException {
        return Files.readString(ROOT.resolve("README.md"));
    }

    private static Map<String, String> readmeSection() throws Exception {
        String block = xmlBlockAfter(readme(), "BuildSectionTest compares this block");
        return parts(parse("<project>" + block + "</project>"));
    }

    private static Map<String, String> pom(String project) throws Exception {
        String pom = Files.readString(ROOT.resolve("moonpool-it/src/it/" + project + "/pom.xml"));
        // the invoker filters this build's version in; the README names it
        String readmeVersion = readmeVersion();
        return parts(parse(pom.replace("@project.version@", readmeVersion)));
    }

    private static String readmeVersion() throws Exception {
        String block = xmlBlockAfter(readme(), "BuildSectionTest compares this block");
        Matcher version = Pattern.compile("<artifactId>moonpool-bom</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(block);
        assertTrue(version.find(), block);
        return version.group(1);
    }

    /** The first fenced xml block after the line containing {@code marker}. */
    private static String xmlBlockAfter(String markdown, String marker) {
        int at = markdown.indexOf(marker);
        assertTrue(at >= 0, "no '" + marker + "' in the README");
        int start = markdown.indexOf("```xml\n", at);
        int end = markdown.indexOf("```", start + 7);
        assertTrue(start >= 0 && end > start, "no xml block after '" + marker + "' in the README");
        return markdown.substring(start + 7, end);
    }

    /** The {@code argLine} of Surefire's configuration (the property of that name is empty). */
    private static String surefireArgLine(Element project) {
        var argLines = project.getElementsByTagName("argLine");
        for (int i = 0; i < argLines.getLength(); i++) {
            String text = argLines.item(i).getTextContent().strip();
            if (!text.isEmpty()) {
                return text;
            }
        }
        throw new AssertionError("no argLine in the README's section");
    }

    private static Element parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setIgnoringComments(true);
        return factory.newDocumentBuilder()
                .parse(new InputSource(new StringReader(xml)))
                .getDocumentElement();
    }

    /** The build's parts, each keyed by what it is: properties, imported BOMs, dependencies, plugins. */
    private static Map<String, String> parts(Element project) {
        Map<String, String> parts = new LinkedHashMap<>();
        for (Element properties : children(project, "properties")) {
            for (Element property : children(properties, null)) {
                parts.put(
                        "property " + property.getTagName(),
                        property.getTextContent().strip());
            }
        }
        for (Element management : children(project, "dependencyManagement")) {
            for (Element dependencies : children(management, "dependencies")) {
                for (Element dependency : children(dependencies, "dependency")) {
                    parts.put("import " + coordinates(dependency), canonical(dependency));
                }
            }
        }
        for (Element dependencies : children(project, "dependencies")) {
            for (Element dependency : children(dependencies, "dependency")) {
                parts.put("dependency " + coordinates(dependency), canonical(dependency));
            }
        }
        for (Element build : children(project, "build")) {
            for (Element plugins : children(build, "plugins")) {
                for (Element plugin : children(plugins, "plugin")) {
                    parts.put("plugin " + coordinates(plugin), canonical(plugin));
                }
            }
        }
        return parts;
    }

    private static String coordinates(Element element) {
        List<Element> group = children(element, "groupId");
        return (group.isEmpty() ? "" : group.getFirst().getTextContent().strip()) + ":"
                + children(element, "artifactId").getFirst().getTextContent().strip();
    }

    /** The element as text, comments and layout aside: {@code name{child, ...}} or {@code name=text}. */
    private static String canonical(Element element) {
        List<Element> children = children(element, null);
        if (children.isEmpty()) {
            return element.getTagName() + "=" + element.getTextContent().strip();
        }
        List<String> inner = new ArrayList<>();
        for (Element child : children) {
            inner.add(canonical(child));
        }
        return element.getTagName() + "{" + String.join(", ", inner) + "}";
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && (name == null || e.getTagName().equals(name))) {
                found.add(e);
            }
        }
        return found;
    }
}
