// A program outside the project that uses the installed headers through find_package.
#include <cstdio>

#include <entropyk/core.hpp>
#include <entropyk/version.hpp>

int main() {
    using namespace entropyk::literals;
    const auto p = 8.0_bar;
    std::printf("entropyk %s: 8 bar = %.0f Pa\n", entropyk::version_string, p.si());
    return p.si() == 8e5 ? 0 : 1;
}
