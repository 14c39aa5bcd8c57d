import Foundation

/// The labels of `explain` and `diff` text output in the four languages. Ids, paths, file
/// names and method names stay as written; `{name}` marks a value filled in by `Words.f`.
enum Words {
    static let table: [String: [String: String]] = [
        // explain, one indicator
        "indicator header": ["en": "(criterion {criterion}, framework {framework})", "es": "(criterio {criterion}, marco {framework})",
                             "pt": "(critério {criterion}, marco {framework})", "fr": "(critère {criterion}, cadre {framework})"],
        "framework header": ["en": "(framework {framework})", "es": "(marco {framework})", "pt": "(marco {framework})",
                             "fr": "(cadre {framework})"],
        "question": ["en": "question", "es": "pregunta", "pt": "pergunta", "fr": "question"],
        "rule": ["en": "rule", "es": "regla", "pt": "regra", "fr": "règle"],
        "declared at": ["en": "declared at", "es": "declarado en", "pt": "declarado em", "fr": "déclaré à"],
        "declared": ["en": "declared", "es": "declarado", "pt": "declarado", "fr": "déclaré"],
        "result": ["en": "result", "es": "resultado", "pt": "resultado", "fr": "résultat"],
        "note": ["en": "note", "es": "nota", "pt": "nota", "fr": "note"],
        "method": ["en": "method", "es": "método", "pt": "método", "fr": "méthode"],
        "coverage": ["en": "coverage", "es": "cobertura", "pt": "cobertura", "fr": "couverture"],
        "level": ["en": "level {level}", "es": "nivel {level}", "pt": "nível {level}", "fr": "niveau {level}"],
        "insufficient": ["en": "insufficient information", "es": "información insuficiente", "pt": "informação insuficiente",
                         "fr": "information insuffisante"],
        "insufficient, add": ["en": "insufficient information; add: {paths}", "es": "información insuficiente; añadir: {paths}",
                              "pt": "informação insuficiente; acrescentar: {paths}", "fr": "information insuffisante ; ajouter : {paths}"],
        "rule error": ["en": "RULE ERROR", "es": "ERROR DE REGLA", "pt": "ERRO DE REGRA", "fr": "ERREUR DE RÈGLE"],
        "error at": ["en": "{kind} at {place}: {message}", "es": "{kind} en {place}: {message}", "pt": "{kind} em {place}: {message}",
                     "fr": "{kind} à {place} : {message}"],
        "fields read": ["en": "fields read ({n}):", "es": "campos leídos ({n}):", "pt": "campos lidos ({n}):", "fr": "champs lus ({n}) :"],
        "none": ["en": "(none)", "es": "(ninguno)", "pt": "(nenhum)", "fr": "(aucun)"],
        "table": ["en": "(table)", "es": "(tabla)", "pt": "(tabela)", "fr": "(table)"],
        "absent value": ["en": "(absent)", "es": "(ausente)", "pt": "(ausente)", "fr": "(absent)"],
        "conditions": ["en": "conditions that decided the level:", "es": "condiciones que decidieron el nivel:",
                       "pt": "condições que decidiram o nível:", "fr": "conditions qui ont décidé du niveau :"],
        "rubric": ["en": "rubric for this level: {text}", "es": "rúbrica de este nivel: {text}", "pt": "rubrica deste nível: {text}",
                   "fr": "grille de ce niveau : {text}"],
        "findings": ["en": "findings:", "es": "hallazgos:", "pt": "constatações:", "fr": "constats :"],
        "recommendations": ["en": "recommendations:", "es": "recomendaciones:", "pt": "recomendações:", "fr": "recommandations :"],
        "challenge": ["en": "challenge {id}", "es": "desafío {id}", "pt": "desafio {id}", "fr": "défi {id}"],
        // explain, an aggregation
        "inputs": ["en": "inputs ({n}):", "es": "entradas ({n}):", "pt": "entradas ({n}):", "fr": "entrées ({n}) :"],
        "criteria inputs": ["en": "inputs ({n} criteria):", "es": "entradas ({n} criterios):", "pt": "entradas ({n} critérios):",
                            "fr": "entrées ({n} critères) :"],
        "weight": ["en": "weight {w}", "es": "peso {w}", "pt": "peso {w}", "fr": "poids {w}"],
        "overall": ["en": "overall", "es": "global", "pt": "global", "fr": "ensemble"],
        "error counts lowest": ["en": "rule error, counts as {lowest} (the lowest level)",
                                "es": "error de regla, cuenta como {lowest} (el nivel más bajo)",
                                "pt": "erro de regra, conta como {lowest} (o nível mais baixo)",
                                "fr": "erreur de règle, comptée comme {lowest} (le niveau le plus bas)"],
        "aggregation failed": ["en": "aggregation failed, counts as {lowest} (the lowest level)",
                               "es": "la agregación falló, cuenta como {lowest} (el nivel más bajo)",
                               "pt": "a agregação falhou, conta como {lowest} (o nível mais baixo)",
                               "fr": "l'agrégation a échoué, comptée comme {lowest} (le niveau le plus bas)"],
        "insufficient counts lowest": ["en": "insufficient information, counts as {lowest}",
                                       "es": "información insuficiente, cuenta como {lowest}",
                                       "pt": "informação insuficiente, conta como {lowest}",
                                       "fr": "information insuffisante, comptée comme {lowest}"],
        "insufficient left out": ["en": "insufficient information, left out", "es": "información insuficiente, excluida",
                                  "pt": "informação insuficiente, excluída", "fr": "information insuffisante, exclue"],
        "criterion coverage": ["en": "{a} assessed, {i} insufficient, {e} failed",
                               "es": "{a} evaluados, {i} con información insuficiente, {e} con error",
                               "pt": "{a} avaliados, {i} com informação insuficiente, {e} com erro",
                               "fr": "{a} évalués, {i} avec information insuffisante, {e} en erreur"],
        "overall coverage": ["en": "{a} of {n} indicators assessed, {i} insufficient, {e} failed",
                             "es": "{a} de {n} indicadores evaluados, {i} con información insuficiente, {e} con error",
                             "pt": "{a} de {n} indicadores avaliados, {i} com informação insuficiente, {e} com erro",
                             "fr": "{a} indicateurs évalués sur {n}, {i} avec information insuffisante, {e} en erreur"],
        // diff
        "earlier": ["en": "earlier", "es": "anterior", "pt": "anterior", "fr": "antérieure"],
        "later": ["en": "later", "es": "posterior", "pt": "posterior", "fr": "postérieure"],
        "case": ["en": "case {id}", "es": "caso {id}", "pt": "caso {id}", "fr": "dossier {id}"],
        "absent": ["en": "absent", "es": "ausente", "pt": "ausente", "fr": "absent"],
        "error": ["en": "rule error", "es": "error de regla", "pt": "erro de regra", "fr": "erreur de règle"],
        "up": ["en": "up", "es": "sube", "pt": "sobe", "fr": "hausse"],
        "down": ["en": "down", "es": "baja", "pt": "desce", "fr": "baisse"],
        "changed": ["en": "changed", "es": "cambia", "pt": "muda", "fr": "changé"],
        "added": ["en": "added", "es": "añadido", "pt": "acrescentado", "fr": "ajouté"],
        "removed": ["en": "removed", "es": "quitado", "pt": "removido", "fr": "retiré"],
        "no change": ["en": "no indicator changed", "es": "ningún indicador cambió", "pt": "nenhum indicador mudou",
                      "fr": "aucun indicateur n'a changé"],
        "diff summary": ["en": "{up} moved up, {down} moved down, {changed} changed status, {same} unchanged",
                         "es": "al alza: {up}, a la baja: {down}, cambio de estado: {changed}, sin cambios: {same}",
                         "pt": "em alta: {up}, em baixa: {down}, mudança de estado: {changed}, sem mudança: {same}",
                         "fr": "en hausse : {up}, en baisse : {down}, statut changé : {changed}, inchangés : {same}"],
    ]

    /// The label `key` in `language` (English when the language lacks it), with `{name}`
    /// placeholders filled from `values`.
    static func f(_ key: String, _ language: String, _ values: [String: String] = [:]) -> String {
        var text = table[key]?[language] ?? table[key]?["en"] ?? key
        for (name, value) in values { text = text.replacingOccurrences(of: "{\(name)}", with: value) }
        return text
    }

    /// "label:" padded so that the values after a group of labels line up in any language.
    static func labelled(_ pairs: [(key: String, value: String)], _ language: String) -> [String] {
        let labels = pairs.map { f($0.key, language) + (language == "fr" ? " :" : ":") }
        let width = max(9, labels.map(\.count).max() ?? 0)
        return zip(labels, pairs).map { $0.padding(toLength: width + 1, withPad: " ", startingAt: 0) + $1.value }
    }
}
