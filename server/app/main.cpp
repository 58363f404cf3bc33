// yardstick: the server and its administrative commands.
#include <exception>
#include <iostream>

#include "server/app/cli.hpp"

int main(int argc, char** argv) {
    try {
        return yardstick::server::run_command_line(argc, argv);
    } catch (const std::exception& e) {
        std::cerr << "yardstick: " << e.what() << "\n";
        return 1;
    }
}
