#include "server/demo/demo_names.hpp"

#include <algorithm>

namespace yardstick::server::demo::internal {
namespace {

/// A trade word per style, in the order of NameStyle; "{}" stands for the family name.
struct SectorWords {
    std::string_view code;
    std::array<std::string_view, kNameStyles> patterns;
};

const std::vector<SectorWords>& sector_words() {
    // Patterns in NameStyle order: de, fr, it, es, nl, pt, en.
    static const std::vector<SectorWords> words = {
        {"C10",
         {"{} Feinkost", "Conserverie {}", "Pastificio {}", "Conservas {}", "{} Voedingsmiddelen", "Conservas {}",
          "{} Foods"}},
        {"C14",
         {"{} Textil", "Confection {}", "Maglificio {}", "Confecciones {}", "{} Confectie", "Confeções {}",
          "{} Apparel"}},
        {"C16",
         {"Sägewerk {}", "Menuiserie {}", "Segheria {}", "Maderas {}", "{} Houtbewerking", "Madeiras {}", "{} Timber"}},
        {"C22",
         {"{} Kunststofftechnik", "{} Plastiques", "{} Plast", "Plásticos {}", "{} Kunststoffen", "Plásticos {}",
          "{} Plastics"}},
        {"C25",
         {"{} Metallbau", "Chaudronnerie {}", "Officine {}", "Talleres {}", "{} Metaalbewerking", "Metalúrgica {}",
          "{} Metalworks"}},
        {"C26",
         {"{} Elektronik", "{} Électronique", "{} Elettronica", "{} Electrónica", "{} Elektronica", "{} Eletrónica",
          "{} Electronics"}},
        {"C27",
         {"{} Elektrotechnik", "{} Électrotechnique", "{} Elettromeccanica", "Material Eléctrico {}",
          "{} Elektrotechniek", "{} Eletrotecnia", "{} Electrical"}},
        {"C28",
         {"{} Maschinenbau", "{} Mécanique", "{} Meccanica", "Maquinaria {}", "{} Machinebouw", "{} Máquinas",
          "{} Engineering"}},
        {"C33",
         {"{} Industrieservice", "{} Maintenance Industrielle", "{} Manutenzioni", "{} Mantenimiento Industrial",
          "{} Onderhoud", "{} Manutenção Industrial", "{} Industrial Services"}},
        {"D35",
         {"{} Solartechnik", "{} Énergies", "{} Energia", "{} Energía", "{} Energie", "{} Energia", "{} Energy"}},
        {"F43",
         {"{} Haustechnik", "{} Bâtiment", "{} Impianti", "Instalaciones {}", "{} Installatietechniek",
          "{} Construções", "{} Building Services"}},
        {"G46",
         {"{} Großhandel", "{} Distribution", "{} Forniture", "Distribuciones {}", "{} Groothandel", "{} Distribuição",
          "{} Trading"}},
        {"G47", {"{} Fachhandel", "Maison {}", "Emporio {}", "Comercial {}", "{} Mode", "Casa {}", "{} Retail"}},
        {"H49",
         {"{} Transporte", "Transports {}", "Autotrasporti {}", "Transportes {}", "{} Transport", "Transportes {}",
          "{} Haulage"}},
        {"H52",
         {"{} Logistik", "{} Logistique", "{} Logistica", "Logística {}", "{} Logistiek", "{} Logística",
          "{} Logistics"}},
        {"I55",
         {"Gasthof {}", "Auberge {}", "Albergo {}", "Hostal {}", "Hotel {}", "Residencial {}", "{} Guesthouses"}},
        {"I56",
         {"{} Gastronomie", "Brasserie {}", "Trattoria {}", "Restaurante {}", "Eetcafé {}", "Restaurante {}",
          "{} Catering"}},
        {"J58",
         {"{} Verlag", "Éditions {}", "Edizioni {}", "Ediciones {}", "Uitgeverij {}", "Edições {}", "{} Publishing"}},
        {"J62",
         {"{} Software", "{} Informatique", "{} Informatica", "{} Sistemas", "{} Software", "{} Sistemas",
          "{} Software"}},
        {"J63", {"{} Datendienste", "{} Data", "{} Web", "{} Datos", "{} Data", "{} Digital", "{} Data"}},
        {"K66",
         {"{} Finanzberatung", "{} Courtage", "{} Broker", "Correduría {}", "{} Assurantiën", "{} Mediação de Seguros",
          "{} Financial Advisers"}},
        {"M69",
         {"Kanzlei {}", "Fiduciaire {}", "Studio {}", "Asesoría {}", "{} Accountants", "{} Contabilidade",
          "{} Accountants"}},
        {"M70",
         {"{} Unternehmensberatung", "{} Conseil", "{} Consulting", "{} Consultores", "{} Advies", "{} Consultoria",
          "{} Consulting"}},
        {"M71",
         {"Ingenieurbüro {}", "Bureau d'études {}", "Studio Tecnico {}", "{} Ingeniería", "Ingenieursbureau {}",
          "{} Engenharia", "{} Design & Engineering"}},
        {"M72",
         {"{} Analytik", "{} Recherche", "{} Ricerca", "{} Investigación", "{} Research", "{} Investigação",
          "{} Research"}},
        {"M73",
         {"{} Werbung", "{} Communication", "{} Comunicazione", "{} Publicidad", "{} Reclame", "{} Publicidade",
          "{} Marketing"}},
        {"M74", {"{} Design", "Studio {}", "{} Design", "Estudio {}", "{} Ontwerp", "Estúdio {}", "{} Design"}},
        {"N79", {"Reisebüro {}", "Voyages {}", "Viaggi {}", "Viajes {}", "Reisbureau {}", "Viagens {}", "{} Travel"}},
        {"P",
         {"{} Akademie", "Institut {}", "{} Formazione", "Academia {}", "{} Opleidingen", "{} Formação",
          "{} Training"}},
        {"Q",
         {"Praxis {}", "Cabinet {}", "Poliambulatorio {}", "Clínica {}", "{} Zorg", "Clínica {}", "{} Healthcare"}},
        {"R",
         {"{} Events", "{} Spectacles", "{} Eventi", "{} Producciones", "{} Producties", "{} Produções",
          "{} Productions"}},
        {"R93",
         {"{} Sport & Freizeit", "{} Loisirs", "{} Sport", "Deportes {}", "{} Sport", "{} Desporto", "{} Leisure"}},
        {"S96",
         {"Friseursalon {}", "Salon {}", "Parrucchieria {}", "Peluquería {}", "Kapsalon {}", "Cabeleireiro {}",
          "{} Hair & Beauty"}},
    };
    return words;
}

}  // namespace

std::string_view trade_pattern(std::string_view sector, NameStyle style) {
    for (const auto& entry : sector_words()) {
        if (entry.code == sector) {
            return entry.patterns[static_cast<std::size_t>(style)];
        }
    }
    return "{}";  // a sector without trade words: the family name alone
}

const std::vector<CountryProfile>& country_profiles() {
    static const std::vector<CountryProfile> profiles = {
        {"AT",
         NameStyle::de,
         "de",
         "",
         {"GmbH", "GmbH", "KG", "e.U."},
         {"Lukas", "Florian", "Stefan", "Markus", "Andreas", "Georg", "Clemens"},
         {"Katharina", "Johanna", "Theresa", "Magdalena", "Verena", "Elisabeth", "Barbara"},
         {"Gruber", "Huber", "Pichler", "Steiner", "Moser", "Hofer", "Leitner", "Berger", "Eder", "Brunner", "Haider",
          "Lechner"}},
        {"BE",
         NameStyle::fr,
         "fr",
         "de",
         {"SPRL", "SA", "SCRL"},
         {"Julien", "Thomas", "Nicolas", "Maxime", "Olivier", "Jonas", "Quentin"},
         {"Sophie", "Camille", "Charlotte", "Élise", "Aurélie", "Lena", "Manon"},
         {"Dubois", "Lambert", "Dupont", "Renard", "Lejeune", "Leclercq", "Collignon", "Delvaux", "Hoffmann", "Goffin",
          "Michaux", "Lemaire", "Piron", "Cornet"}},
        {"CZ",
         NameStyle::en,
         "en",
         "",
         {"s.r.o.", "s.r.o.", "a.s."},
         {"Jan", "Petr", "Tomáš", "Martin", "Jakub", "Ondřej"},
         {"Tereza", "Lucie", "Kateřina", "Veronika", "Eva", "Markéta"},
         {"Novák/Nováková", "Svoboda/Svobodová", "Dvořák/Dvořáková", "Černý/Černá", "Procházka/Procházková",
          "Kučera/Kučerová", "Veselý/Veselá", "Horák/Horáková", "Němec/Němcová", "Pokorný/Pokorná"}},
        {"DE",
         NameStyle::de,
         "de",
         "",
         {"GmbH", "GmbH", "GmbH & Co. KG", "e.K."},
         {"Jonas", "Felix", "Tobias", "Sebastian", "Matthias", "Jan", "Henrik"},
         {"Laura", "Anna", "Julia", "Lea", "Sarah", "Miriam", "Franziska"},
         {"Müller", "Schneider", "Fischer", "Weber", "Becker", "Schäfer", "Richter", "Brenner", "Zimmermann", "Krüger",
          "Hartmann", "Lorenz", "Vogel", "Seidel"}},
        {"DK",
         NameStyle::en,
         "en",
         "",
         {"ApS", "ApS", "A/S"},
         {"Mads", "Rasmus", "Frederik", "Mikkel", "Anders"},
         {"Sofie", "Ida", "Emma", "Freja", "Mette"},
         {"Nielsen", "Jensen", "Pedersen", "Christensen", "Sørensen", "Rasmussen", "Jørgensen", "Madsen"}},
        {"ES",
         NameStyle::es,
         "en",
         "",
         {"S.L.", "S.L.", "S.A."},
         {"Pablo", "Javier", "Alejandro", "Diego", "Sergio", "Álvaro"},
         {"Lucía", "María", "Carmen", "Laura", "Marta", "Elena"},
         {"García", "Fernández", "López", "Sánchez", "Romero", "Navarro", "Ortega", "Delgado", "Castro", "Vidal",
          "Serrano", "Molina"}},
        {"FI",
         NameStyle::en,
         "en",
         "",
         {"Oy"},
         {"Mikko", "Juha", "Antti", "Ville", "Jussi"},
         {"Aino", "Laura", "Emilia", "Sanna", "Elina"},
         {"Virtanen", "Korhonen", "Mäkinen", "Nieminen", "Heikkinen", "Koskinen", "Järvinen", "Lehtonen"}},
        {"FR",
         NameStyle::fr,
         "fr",
         "",
         {"SARL", "SAS", "SARL", "EURL"},
         {"Antoine", "Mathieu", "Guillaume", "Pierre", "Hugo", "Olivier", "Damien"},
         {"Claire", "Julie", "Manon", "Chloé", "Léa", "Amélie", "Pauline"},
         {"Moreau", "Girard", "Bonnet", "Fontaine", "Rousseau", "Mercier", "Guérin", "Faure", "Chevalier", "Garnier",
          "Perrin", "Morel", "Roussel", "Barbier"}},
        {"HR",
         NameStyle::en,
         "en",
         "",
         {"d.o.o.", "d.o.o.", "j.d.o.o."},
         {"Ivan", "Marko", "Luka", "Tomislav", "Josip"},
         {"Ana", "Petra", "Ivana", "Maja", "Martina"},
         {"Horvat", "Kovačević", "Babić", "Marić", "Jurić", "Knežević", "Vuković", "Matić"}},
        {"IE",
         NameStyle::en,
         "en",
         "",
         {"Ltd", "Ltd", "Limited"},
         {"Ciarán", "Seán", "Conor", "Darragh", "Cian", "Eoin"},
         {"Aoife", "Niamh", "Siobhán", "Róisín", "Orla", "Sinéad"},
         {"Murphy", "Kelly", "O'Sullivan", "Walsh", "Byrne", "O'Connor", "Doyle", "Gallagher", "Kavanagh", "Brennan"}},
        {"IT",
         NameStyle::it,
         "it",
         "",
         {"S.r.l.", "S.r.l.", "S.n.c.", "S.a.s."},
         {"Marco", "Alessandro", "Matteo", "Lorenzo", "Davide", "Stefano", "Riccardo"},
         {"Giulia", "Chiara", "Francesca", "Sara", "Elena", "Valentina", "Federica"},
         {"Rinaldi", "Bianchi", "Colombo", "Esposito", "Ricci", "Marino", "Greco", "Gallo", "Conti", "Mancini",
          "Lombardi", "Moretti", "Barbieri", "Fontana"}},
        {"LU",
         NameStyle::fr,
         "fr",
         "",
         {"S.à r.l.", "S.à r.l.", "S.A."},
         {"Luc", "Marc", "Paul", "Yves", "Tom"},
         {"Anne", "Nathalie", "Sandrine", "Christine", "Lynn"},
         {"Schmit", "Thill", "Kieffer", "Reuter", "Kremer", "Welter", "Majerus", "Hansen"}},
        {"MT",
         NameStyle::en,
         "en",
         "",
         {"Ltd"},
         {"Joseph", "Mark", "Luke", "Matthew", "Andrew"},
         {"Maria", "Rebecca", "Francesca", "Claire", "Stephanie"},
         {"Borg", "Camilleri", "Vella", "Farrugia", "Zammit", "Galea", "Grech", "Azzopardi"}},
        {"NL",
         NameStyle::nl,
         "en",
         "",
         {"B.V.", "B.V.", "V.O.F."},
         {"Daan", "Bram", "Thijs", "Joost", "Ruben", "Sander"},
         {"Sanne", "Lotte", "Femke", "Anouk", "Eva", "Marloes"},
         {"de Jong", "Jansen", "de Vries", "van den Berg", "Bakker", "Visser", "Smit", "Meijer", "Mulder", "de Boer"}},
        {"PL",
         NameStyle::en,
         "en",
         "",
         {"Sp. z o.o.", "Sp. z o.o.", "sp.j."},
         {"Piotr", "Tomasz", "Michał", "Paweł", "Krzysztof", "Łukasz"},
         {"Anna", "Katarzyna", "Agnieszka", "Magdalena", "Joanna", "Małgorzata"},
         {"Kowalski/Kowalska", "Nowak", "Wiśniewski/Wiśniewska", "Wójcik", "Kamiński/Kamińska",
          "Lewandowski/Lewandowska", "Zieliński/Zielińska", "Dąbrowski/Dąbrowska", "Kaczmarek", "Mazur"}},
        {"PT",
         NameStyle::pt,
         "en",
         "",
         {"Lda.", "Lda.", "Unipessoal Lda."},
         {"João", "Tiago", "Rui", "Pedro", "Miguel", "Nuno"},
         {"Inês", "Beatriz", "Mariana", "Catarina", "Sofia", "Joana"},
         {"Silva", "Santos", "Ferreira", "Pereira", "Oliveira", "Costa", "Martins", "Sousa", "Gonçalves", "Carvalho"}},
    };
    return profiles;
}

const CountryProfile& country_profile(std::string_view code) {
    const auto& profiles = country_profiles();
    const auto it = std::find_if(profiles.begin(), profiles.end(), [&](const auto& p) { return p.code == code; });
    return it == profiles.end() ? profiles.front() : *it;  // callers pass codes of this table only
}

std::string_view email_domain(std::size_t organisation_number) {
    static constexpr std::array<std::string_view, 3> kDomains = {"example.org", "example.com", "example.net"};
    return kDomains[organisation_number % kDomains.size()];
}

std::string language_of(const CountryProfile& profile, SplitMix64& rng) {
    // Belgium's German-speaking Community is far smaller than one in five, but
    // this way German answers from Belgium show up in the demo's reports.
    if (!profile.minority_language.empty() && rng.percent(20)) {
        return std::string(profile.minority_language);
    }
    return std::string(profile.language);
}

}  // namespace yardstick::server::demo::internal
