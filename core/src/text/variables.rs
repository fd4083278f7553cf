//! The variables each message of a Fluent catalog uses, read from
//! fluent-syntax's AST rather than from the code that formats messages:
//! what the catalog tests of the core and of the terminal wallet compare
//! with the values their code passes.

use std::collections::{BTreeMap, BTreeSet};

use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};

/// Each message id with the variables it uses.
pub type MessageVariables = BTreeMap<String, BTreeSet<String>>;

/// Each message in `catalog` (Fluent text) with the variables its value
/// uses, selectors and nested placeables included. A catalog that does not
/// parse, a message twice or a message without a value is an error naming it.
pub fn message_variables(catalog: &str) -> Result<MessageVariables, String> {
    let resource = fluent_syntax::parser::parse(catalog).map_err(|(_, errors)| format!("{errors:?}"))?;
    let mut messages = MessageVariables::new();
    for entry in resource.body {
        match entry {
            Entry::Message(message) => {
                let id = message.id.name;
                let value = message.value.as_ref().ok_or_else(|| format!("{id} has no value"))?;
                let mut variables = BTreeSet::new();
                pattern_variables(value, &mut variables);
                if messages.insert(id.to_owned(), variables).is_some() {
                    return Err(format!("{id} is there twice"));
                }
            }
            Entry::Junk { content } => return Err(format!("junk: {content}")),
            _ => {}
        }
    }
    Ok(messages)
}

fn pattern_variables(pattern: &Pattern<&str>, into: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            expression_variables(expression, into);
        }
    }
}

fn expression_variables(expression: &Expression<&str>, into: &mut BTreeSet<String>) {
    match expression {
        Expression::Inline(inline) => inline_variables(inline, into),
        Expression::Select { selector, variants } => {
            inline_variables(selector, into);
            for variant in variants {
                pattern_variables(&variant.value, into);
            }
        }
    }
}

fn inline_variables(inline: &InlineExpression<&str>, into: &mut BTreeSet<String>) {
    match inline {
        InlineExpression::VariableReference { id } => {
            into.insert(id.name.to_owned());
        }
        InlineExpression::Placeable { expression } => expression_variables(expression, into),
        InlineExpression::FunctionReference { arguments, .. } => {
            for argument in arguments.positional.iter().chain(arguments.named.iter().map(|n| &n.value)) {
                inline_variables(argument, into);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variables_are_found_in_selectors_variants_and_nested_placeables() {
        let found = message_variables("a = { $x ->\n    [one] { $y }\n   *[other] { { $z } }\n}\nb = plain\n").unwrap();
        assert_eq!(found["a"], ["x", "y", "z"].map(String::from).into());
        assert!(found["b"].is_empty());
        assert!(message_variables("a = 1\na = 2\n").unwrap_err().contains("twice"));
        assert!(message_variables("a = {\n").is_err());
    }
}
