/// Names of the OAS member States in the four OAS languages, by ISO 3166-1 alpha-2 code.
/// Other States are shown by the name the round file gives, else by their code.
public enum CountryNames {
    /// The name of `code` in `language`, or nil when the State is not an OAS member.
    public static func name(_ code: String, _ language: Language) -> String? {
        guard let names = table[code] else { return nil }
        switch language {
        case .en: return names.0
        case .es: return names.1
        case .pt: return names.2
        case .fr: return names.3
        }
    }

    static let table: [String: (String, String, String, String)] = [
        "AG": ("Antigua and Barbuda", "Antigua y Barbuda", "Antígua e Barbuda", "Antigua-et-Barbuda"),
        "AR": ("Argentina", "Argentina", "Argentina", "Argentine"),
        "BS": ("The Bahamas", "Bahamas", "Bahamas", "Bahamas"),
        "BB": ("Barbados", "Barbados", "Barbados", "Barbade"),
        "BZ": ("Belize", "Belice", "Belize", "Belize"),
        "BO": ("Bolivia", "Bolivia", "Bolívia", "Bolivie"),
        "BR": ("Brazil", "Brasil", "Brasil", "Brésil"),
        "CA": ("Canada", "Canadá", "Canadá", "Canada"),
        "CL": ("Chile", "Chile", "Chile", "Chili"),
        "CO": ("Colombia", "Colombia", "Colômbia", "Colombie"),
        "CR": ("Costa Rica", "Costa Rica", "Costa Rica", "Costa Rica"),
        "CU": ("Cuba", "Cuba", "Cuba", "Cuba"),
        "DM": ("Dominica", "Dominica", "Dominica", "Dominique"),
        "DO": ("Dominican Republic", "República Dominicana", "República Dominicana", "République dominicaine"),
        "EC": ("Ecuador", "Ecuador", "Equador", "Équateur"),
        "SV": ("El Salvador", "El Salvador", "El Salvador", "El Salvador"),
        "GD": ("Grenada", "Granada", "Granada", "Grenade"),
        "GT": ("Guatemala", "Guatemala", "Guatemala", "Guatemala"),
        "GY": ("Guyana", "Guyana", "Guiana", "Guyana"),
        "HT": ("Haiti", "Haití", "Haiti", "Haïti"),
        "HN": ("Honduras", "Honduras", "Honduras", "Honduras"),
        "JM": ("Jamaica", "Jamaica", "Jamaica", "Jamaïque"),
        "MX": ("Mexico", "México", "México", "Mexique"),
        "NI": ("Nicaragua", "Nicaragua", "Nicarágua", "Nicaragua"),
        "PA": ("Panama", "Panamá", "Panamá", "Panama"),
        "PY": ("Paraguay", "Paraguay", "Paraguai", "Paraguay"),
        "PE": ("Peru", "Perú", "Peru", "Pérou"),
        "KN": ("Saint Kitts and Nevis", "Saint Kitts y Nevis", "São Cristóvão e Névis", "Saint-Kitts-et-Nevis"),
        "LC": ("Saint Lucia", "Santa Lucía", "Santa Lúcia", "Sainte-Lucie"),
        "VC": ("Saint Vincent and the Grenadines", "San Vicente y las Granadinas", "São Vicente e Granadinas",
               "Saint-Vincent-et-les-Grenadines"),
        "SR": ("Suriname", "Suriname", "Suriname", "Suriname"),
        "TT": ("Trinidad and Tobago", "Trinidad y Tobago", "Trinidad e Tobago", "Trinité-et-Tobago"),
        "US": ("United States", "Estados Unidos", "Estados Unidos", "États-Unis"),
        "UY": ("Uruguay", "Uruguay", "Uruguai", "Uruguay"),
        "VE": ("Venezuela", "Venezuela", "Venezuela", "Venezuela"),
    ]
}
