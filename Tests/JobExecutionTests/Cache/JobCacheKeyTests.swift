import JobExecution
import Testing

@Suite struct JobCacheKeyTests {
    @Test(arguments: [
        ("deps-v1", "deps-v1"), ("deps/v1", "deps/v1"), ("../../etc", "etc"), ("a/./b//c/", "a/b/c"), ("..", "default"), ("", "default"),
    ])
    func keysStayInsideTheirNamespace(key: String, path: String) {
        #expect(JobCacheKey.relativePath(key) == path)
    }
}
