// yardstick: the server and its administrative commands.
#include <exception>
#include <iostream>

#include "server/app/cli.hpp"
#include "server/mail/mail_transport.hpp"

int main(int argc, char** argv) {
    // libcurl (SMTP, webhooks) must be set up before any thread starts.
    yardstick::server::mail::initialise_mail_library();
    try {
        return yardstick::server::run_command_line(argc, argv);
    } catch (const std::exception& e) {
        std::cerr << "yardstick: " << e.what() << "\n";
        return 1;
    }
}
