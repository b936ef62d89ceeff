/* A plain C99 program outside the project, built with `pkg-config --cflags --libs entropyk` and,
 * through CMakeLists.txt, with find_package(entropyk COMPONENTS C). */
#include <stdio.h>
#include <string.h>

#include <entropyk.h>

int main(void) {
    const char* msg = entropyk_error_string(ENTROPYK_NULL_POINTER);
    printf("entropyk %s: %s\n", entropyk_version(), msg);
    return (msg != NULL && strlen(msg) > 0) ? 0 : 1;
}
