package org.epgugateway.signing.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/**
 * The published rules of the SMEV transform, one hand-built case per rule.
 */
// Limitation: no official input/output pairs are part of the project; these cases are derived from the rules' text
// and would not catch a misreading shared by the rules' reader and the cases' author
class SmevTransformTest {

    @Test
    void rule_1_drops_the_xml_declaration_and_processing_instructions() {
        String input = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><?xml-stylesheet href=\"a.css\"?>"
                + "<a:Root xmlns:a=\"urn:a\"><?app keep-me?>text</a:Root>";

        String output = transform(input);

        assertThat(output).isEqualTo("<ns1:Root xmlns:ns1=\"urn:a\">text</ns1:Root>");
    }

    @Test
    void rule_2_drops_text_nodes_made_only_of_characters_up_to_u0020_and_keeps_other_text_as_it_is() {
        String input = "<a:Root xmlns:a=\"urn:a\">\n\t <a:Name>  Ivan \n</a:Name>\r\n"
                + "<a:Code>&#x9;&#xD;&#x20;</a:Code></a:Root>";

        String output = transform(input);

        assertThat(output).isEqualTo("<ns1:Root xmlns:ns1=\"urn:a\"><ns1:Name>  Ivan \n</ns1:Name>"
                + "<ns1:Code></ns1:Code></ns1:Root>");
    }

    @Test
    void rule_2_keeps_a_no_break_space_which_is_above_u0020() {
        String output = transform("<a:Root xmlns:a=\"urn:a\">\u00A0</a:Root>");

        assertThat(output).isEqualTo("<ns1:Root xmlns:ns1=\"urn:a\">\u00A0</ns1:Root>");
    }

    @Test
    void rule_3_writes_empty_elements_with_a_start_and_an_end_tag() {
        String output = transform("<a:Root xmlns:a=\"urn:a\"><a:Empty/><a:Blank>   </a:Blank></a:Root>");

        assertThat(output).isEqualTo("<ns1:Root xmlns:ns1=\"urn:a\"><ns1:Empty></ns1:Empty><ns1:Blank></ns1:Blank>"
                + "</ns1:Root>");
    }

    @Test
    void rule_4_drops_namespace_declarations_nothing_uses() {
        String input = "<a:Root xmlns:a=\"urn:a\" xmlns:unused=\"urn:unused\" xmlns=\"urn:default-unused\">"
                + "<a:Child xmlns:b=\"urn:b\"/></a:Root>";

        String output = transform(input);

        assertThat(output).isEqualTo("<ns1:Root xmlns:ns1=\"urn:a\"><ns1:Child></ns1:Child></ns1:Root>");
    }

    @Test
    void rule_5_declares_a_namespace_where_first_used_and_not_again_below() {
        String input = "<a:Root xmlns:a=\"urn:a\" xmlns:b=\"urn:b\"><a:Child><b:Leaf/><b:Leaf/></a:Child></a:Root>";

        String output = transform(input);

        assertThat(output).isEqualTo("<ns1:Root xmlns:ns1=\"urn:a\"><ns1:Child>"
                + "<ns2:Leaf xmlns:ns2=\"urn:b\"></ns2:Leaf><ns3:Leaf xmlns:ns3=\"urn:b\"></ns3:Leaf>"
                + "</ns1:Child></ns1:Root>");
    }

    @Test
    void rule_6_renames_prefixes_and_default_namespaces_to_numbered_ns_prefixes_in_document_order() {
        String input = "<Root xmlns=\"urn:first\" xmlns:x=\"urn:second\"><x:Item><Item xmlns=\"urn:third\"/></x:Item>"
                + "<x:Item/></Root>";

        String output = transform(input);

        assertThat(output).isEqualTo("<ns1:Root xmlns:ns1=\"urn:first\">"
                + "<ns2:Item xmlns:ns2=\"urn:second\"><ns3:Item xmlns:ns3=\"urn:third\"></ns3:Item></ns2:Item>"
                + "<ns4:Item xmlns:ns4=\"urn:second\"></ns4:Item></ns1:Root>");
    }

    @Test
    void rule_6_reuses_the_prefix_of_a_namespace_an_ancestor_declared_even_under_another_original_prefix() {
        String input = "<a:Root xmlns:a=\"urn:a\"><other:Child xmlns:other=\"urn:a\"/></a:Root>";

        String output = transform(input);

        assertThat(output).isEqualTo("<ns1:Root xmlns:ns1=\"urn:a\"><ns1:Child></ns1:Child></ns1:Root>");
    }

    @Test
    void rule_7_sorts_attributes_by_namespace_uri_then_local_name_with_unqualified_ones_last() {
        String input = "<a:Root xmlns:a=\"urn:a\" xmlns:z=\"urn:z\" xmlns:m=\"urn:m\" zeta=\"1\" z:alpha=\"2\" "
                + "alpha=\"3\" m:zeta=\"4\" m:beta=\"5\"/>";

        String output = transform(input);

        assertThat(output).isEqualTo("<ns1:Root xmlns:ns1=\"urn:a\" xmlns:ns2=\"urn:m\" xmlns:ns3=\"urn:z\" "
                + "ns2:beta=\"5\" ns2:zeta=\"4\" ns3:alpha=\"2\" alpha=\"3\" zeta=\"1\"></ns1:Root>");
    }

    @Test
    void rule_8_puts_declarations_before_attributes_the_element_namespace_first_then_the_attributes_in_their_order() {
        String input = "<b:Root xmlns:b=\"urn:zzz-element\" xmlns:p=\"urn:bbb\" xmlns:q=\"urn:aaa\" Id=\"X\" "
                + "p:one=\"1\" q:two=\"2\"/>";

        String output = transform(input);

        assertThat(output).isEqualTo("<ns1:Root xmlns:ns1=\"urn:zzz-element\" xmlns:ns2=\"urn:aaa\" "
                + "xmlns:ns3=\"urn:bbb\" ns2:two=\"2\" ns3:one=\"1\" Id=\"X\"></ns1:Root>");
    }

    @Test
    void rule_8_declares_an_attribute_namespace_the_element_shares_only_once() {
        String input = "<a:Root xmlns:a=\"urn:a\" a:flag=\"true\"/>";

        String output = transform(input);

        assertThat(output).isEqualTo("<ns1:Root xmlns:ns1=\"urn:a\" ns1:flag=\"true\"></ns1:Root>");
    }

    @Test
    void rule_9_escapes_ampersand_and_angle_brackets_in_text_and_also_quotes_in_attribute_values() {
        String input = "<a:Root xmlns:a=\"urn:a\" note='say \"1 &lt; 2 &amp; 3 &gt; 2\"'>"
                + "Tom &amp; Jerry &lt;3 a&gt;b \"quoted\" 'single'<![CDATA[ <raw> & ]]></a:Root>";

        String output = transform(input);

        assertThat(output).isEqualTo("<ns1:Root xmlns:ns1=\"urn:a\" "
                + "note=\"say &quot;1 &lt; 2 &amp; 3 &gt; 2&quot;\">"
                + "Tom &amp; Jerry &lt;3 a&gt;b \"quoted\" 'single' &lt;raw&gt; &amp; </ns1:Root>");
    }

    @Test
    void rule_9_writes_other_characters_as_utf8_not_as_character_references() {
        String output = transform("<a:Root xmlns:a=\"urn:a\" name=\"&#1040;\">"
                + "&#x41F;&#1088;&#1080;&#1074;&#1077;&#1090;</a:Root>");

        assertThat(output).isEqualTo("<ns1:Root xmlns:ns1=\"urn:a\" name=\"А\">Привет</ns1:Root>");
    }

    @Test
    void comments_are_dropped_as_exclusive_canonicalisation_without_comments_drops_them() {
        String output = transform("<a:Root xmlns:a=\"urn:a\"><!-- note -->x<!-- more --></a:Root>");

        assertThat(output).isEqualTo("<ns1:Root xmlns:ns1=\"urn:a\">x</ns1:Root>");
    }

    @Test
    void elements_without_a_namespace_stay_unprefixed_inside_namespaced_ones() {
        String output = transform("<a:Root xmlns:a=\"urn:a\"><Plain attr=\"v\"><a:Inner/></Plain></a:Root>");

        assertThat(output).isEqualTo("<ns1:Root xmlns:ns1=\"urn:a\"><Plain attr=\"v\"><ns1:Inner></ns1:Inner></Plain>"
                + "</ns1:Root>");
    }

    @Test
    void xml_prefixed_attributes_keep_their_reserved_prefix_and_are_never_declared() {
        String output = transform("<a:Root xmlns:a=\"urn:a\" xml:lang=\"ru\"/>");

        assertThat(output).isEqualTo("<ns1:Root xmlns:ns1=\"urn:a\" xml:lang=\"ru\"></ns1:Root>");
    }

    @Test
    void documents_that_differ_only_in_prefixes_indentation_and_attribute_order_transform_alike() {
        String one = "<?xml version=\"1.0\"?>\n<x:Order xmlns:x=\"urn:o\" b=\"2\" a=\"1\">\n  <x:Line/>\n</x:Order>";
        String other = "<Order xmlns=\"urn:o\" a=\"1\" b=\"2\"><Line></Line></Order>";

        assertThat(transform(one)).isEqualTo(transform(other));
    }

    @Test
    void input_with_a_dtd_is_refused() {
        String input = "<!DOCTYPE a [<!ENTITY e \"boom\">]><a>&e;</a>";

        assertThatThrownBy(() -> transform(input))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Cannot apply the SMEV transform");
    }

    private static String transform(String xml) {
        return new String(SmevTransform.apply(xml.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }
}
